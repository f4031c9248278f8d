"""Page "Kế hoạch": the plan as a checklist of phase tasks."""
