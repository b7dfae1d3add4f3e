#!/usr/bin/python3
"""The real shop's sendmail_path: PHP's mail() pipes each message here; it is stored as one .eml file
in the folder given as the first argument. A mail catcher, not a mock: the shop's own PHPMailer built
the message, so a file here is a message that left the shop."""
import os
import sys
import time

folder = sys.argv[1]
data = sys.stdin.buffer.read()
name = "%.6f-%d.eml" % (time.time(), os.getpid())
tmp = os.path.join(folder, "." + name)
with open(tmp, "wb") as out:
    out.write(data)
os.rename(tmp, os.path.join(folder, name))  # readers never see half a message
