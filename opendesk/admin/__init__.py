"""`opendesk-admin`: database and practice administration for IT and scripts."""
