"""Put on PYTHONPATH by tests/test_no_network.py: any socket use kills the process with exit 97."""
import os
import socket
import sys


def _refuse(*args, **kwargs):
    sys.stderr.write(f"NETWORK USED: {args[1:] or kwargs}\n")
    sys.stderr.flush()
    os._exit(97)


for _name in ("connect", "connect_ex", "sendto"):
    setattr(socket.socket, _name, _refuse)
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
