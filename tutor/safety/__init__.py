"""Content is data: course text, model output and names are made inert before they are stored,
rendered or exported (no remote resource a browser would fetch, no markup, no control
characters)."""
