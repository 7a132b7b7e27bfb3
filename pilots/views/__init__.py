"""Pages of the pilots app; every county page is reached through `selectors`."""
