"""Bundled data: plans, document format profiles, icons. Installed as cell_desk.resources."""
