"""What the web map and the exports draw alike: node positions and colours."""
