"""Writers of files: domain values in, a file out. They never see a database session."""
