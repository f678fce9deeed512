"""gRPC's synchronous API: calling a method of a stub made on a `grpc.insecure_channel` waits
for the reply. The stubs are generated (`*_pb2_grpc.py`), often outside the analysed tree, so
they are matched by the generator's names; on a `grpc.aio` channel the call is awaited."""

from ..model import Kind, blocking_type, entries

_GRPC = "`grpc.aio` channels and stubs (`await stub.Method(request)`)"

BLOCKING_TYPES = [blocking_type("*_pb2_grpc.*Stub", Kind.NETWORK, _GRPC)]
BLOCKING_APIS = entries(Kind.NETWORK, _GRPC, [
    "grpc.UnaryUnaryMultiCallable.__call__", "grpc.UnaryUnaryMultiCallable.with_call",
    "grpc.StreamUnaryMultiCallable.__call__", "grpc.StreamUnaryMultiCallable.with_call",
    "grpc.Future.result",
], patchable=False)
RETURNS = {
    "grpc.insecure_channel": "grpc.Channel",
    "grpc.secure_channel": "grpc.Channel",
    "grpc.Channel.unary_unary": "grpc.UnaryUnaryMultiCallable",
    "grpc.Channel.unary_stream": "grpc.UnaryStreamMultiCallable",
    "grpc.Channel.stream_unary": "grpc.StreamUnaryMultiCallable",
    "grpc.Channel.stream_stream": "grpc.StreamStreamMultiCallable",
    "grpc.UnaryUnaryMultiCallable.future": "grpc.Future",
    "grpc.channel_ready_future": "grpc.Future",
}
