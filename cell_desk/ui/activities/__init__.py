"""Page "Nhật ký hoạt động": the activity log."""
