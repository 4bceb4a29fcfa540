//! What the commands print (confirmations, refusals, usage errors) and file errors (fsutil, platform, progress).
