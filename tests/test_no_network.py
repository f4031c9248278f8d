"""The program opens no network connection: in-process tests run with sockets refused (conftest),
and the whole GUI start and the commands are run here with sockets refused too."""
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NetworkUsed

GUARD = Path(__file__).with_name("no_network")


def test_the_guard_refuses_sockets():
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))


@pytest.mark.parametrize("command", [["--smoke"], ["demo-data"], ["plan", "show"], ["slogan", "list"], ["check"]])
def test_start_and_commands_use_no_socket(data_dir, command):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(GUARD), os.environ.get("PYTHONPATH")])))
    for args in (["plan", "list"], command):  # the first run creates the data file
        done = subprocess.run([sys.executable, "-m", "cell_desk", "--data-dir", str(data_dir), *args],
                              capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
        assert "NETWORK USED" not in done.stderr
        assert done.returncode == 0, done.stderr
