"""Page "Báo cáo": the monthly report and the cell's own plan."""
