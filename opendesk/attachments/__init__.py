"""Where attachments come from (A-to-Z folders, Dropbox, local files) and the rules they pass."""
