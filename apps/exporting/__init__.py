"""Word export of reports (GB/T 9704 layout). ``builders`` is pure python-docx."""
