"""Tổng quan: the figures of every document in force for today."""
from __future__ import annotations

from ..domain.overview import Overview
from ..domain.plan import report_day_of
from .clock import Clock, system_clock
from .plans import PlanService


class OverviewService:
    def __init__(self, plans: PlanService, clock: Clock = system_clock):
        self.plans = plans
        self.clock = clock

    def overview(self) -> Overview:
        trees = self.plans.trees_in_force()
        return Overview.compute(trees, self.clock(), report_day_of([tree.summary for tree in trees]))
