"""Tổng quan: the active plan's figures for today."""
from __future__ import annotations

from ..domain.overview import Overview
from .clock import Clock, system_clock
from .plans import PlanService


class OverviewService:
    def __init__(self, plans: PlanService, clock: Clock = system_clock):
        self.plans = plans
        self.clock = clock

    def overview(self) -> Overview:
        tree = self.plans.plan_tree()
        return Overview.compute(tree, self.clock(), tree.summary.report_day)
