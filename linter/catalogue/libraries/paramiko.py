"""paramiko: SSH connections, commands, channels and SFTP all wait on the wire."""

from ..model import Kind, blocking_type, entries

_SSH = "asyncssh, or `asyncio.to_thread`"
_SFTP_FILE = "paramiko.SFTPFile"

BLOCKING_TYPES = [
    blocking_type("paramiko.SFTPClient", Kind.NETWORK, _SSH, "get_channel", "close"),
    blocking_type(_SFTP_FILE, Kind.NETWORK, _SSH, "settimeout", "gettimeout", "setblocking", "set_pipelined",
                  "tell", "readable", "writable", "seekable", "close"),
]
BLOCKING_APIS = entries(Kind.NETWORK, _SSH, [
    "paramiko.SSHClient.connect", "paramiko.SSHClient.exec_command", "paramiko.SSHClient.open_sftp",
    "paramiko.SSHClient.invoke_shell",
    # given an address, the transport connects its socket
    "paramiko.Transport", "paramiko.Transport.connect", "paramiko.Transport.open_session",
    "paramiko.Transport.start_client", "paramiko.Transport.auth_password", "paramiko.Transport.auth_publickey",
    "paramiko.Channel.recv", "paramiko.Channel.recv_stderr", "paramiko.Channel.send", "paramiko.Channel.sendall",
    "paramiko.Channel.recv_exit_status", "paramiko.Channel.exec_command",
    "paramiko.ChannelFile.read", "paramiko.ChannelFile.readline", "paramiko.ChannelFile.readlines",
    "paramiko.ChannelFile.write", "paramiko.ChannelFile.__iter__",
    "paramiko.SFTPClient.from_transport",
], patchable=False)
RETURNS = {
    "paramiko.SSHClient.open_sftp": "paramiko.SFTPClient",
    "paramiko.SFTPClient.from_transport": "paramiko.SFTPClient",
    "paramiko.SSHClient.exec_command": "tuple[paramiko.ChannelFile]",
    "paramiko.SSHClient.invoke_shell": "paramiko.Channel",
    "paramiko.SSHClient.get_transport": "paramiko.Transport",
    "paramiko.Transport.open_session": "paramiko.Channel",
    "paramiko.SFTPClient.open": _SFTP_FILE,
    "paramiko.SFTPClient.file": _SFTP_FILE,
}
ATTRIBUTES = {"paramiko.ChannelFile": {"channel": "paramiko.Channel"}}
BASES = {"paramiko.ChannelStderrFile": ("paramiko.ChannelFile",)}
ALIASES = {
    "paramiko.client.SSHClient": "paramiko.SSHClient",
    "paramiko.sftp_client.SFTPClient": "paramiko.SFTPClient",
    "paramiko.SFTP": "paramiko.SFTPClient",
    "paramiko.sftp_file.SFTPFile": _SFTP_FILE,
    "paramiko.channel.Channel": "paramiko.Channel",
    "paramiko.channel.ChannelFile": "paramiko.ChannelFile",
    "paramiko.transport.Transport": "paramiko.Transport",
}
