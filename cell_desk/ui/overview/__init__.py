"""Page "Tổng quan": today's figures of the active plan."""
