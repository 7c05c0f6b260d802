"""WebMail in the desktop client: compose, preview, send, and the send flow that compose and
reply share."""
