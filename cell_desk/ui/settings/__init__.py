"""Page "Cài đặt" and the first-run dialog: the cell profile and the active plan."""
