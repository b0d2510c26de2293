"""The Streamlit pages of the tutor. They render and call the ``tutor`` package; the package
never imports streamlit."""
