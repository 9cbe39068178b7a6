#!/usr/bin/python3
"""An independent gRPC client of results-api: finds the services by server reflection, learns their message types
from the descriptors the server sends, and reads the ID profile of a run. Nothing is generated from the project.

Usage: reflection_client.py HOST:PORT RUN_ID
Prints one JSON object: {"services": [...], "id_profile": {...}}.
"""
import json
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

REFLECTION = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"
RESULTS_SERVICE = "prunedistill.api.v1.ResultsService"


def encode_string_field(number, text):
    """One length-delimited protobuf field (wire type 2)."""
    data = text.encode()
    return varint((number << 3) | 2) + varint(len(data)) + data


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def decode_fields(data):
    """Field number -> list of raw values (ints for varints, bytes for length-delimited)."""
    fields, position = {}, 0
    while position < len(data):
        key, position = read_varint(data, position)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, position = read_varint(data, position)
        elif wire_type == 2:
            length, position = read_varint(data, position)
            value, position = data[position:position + length], position + length
        else:
            raise ValueError("unexpected wire type %d" % wire_type)
        fields.setdefault(number, []).append(value)
    return fields


def read_varint(data, position):
    result, shift = 0, 0
    while True:
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, position


def reflect(channel, request):
    call = channel.stream_stream(REFLECTION, request_serializer=lambda b: b, response_deserializer=lambda b: b)
    response = decode_fields(next(call(iter([request]))))
    if 7 in response:  # error_response
        error = decode_fields(response[7][0])
        raise RuntimeError("reflection error: %s" % error.get(2, [b"?"])[0].decode())
    return response


def main(target, run_id):
    channel = grpc.insecure_channel(target)
    # list_services (field 7)
    listing = reflect(channel, encode_string_field(7, "*"))
    services = [decode_fields(s)[1][0].decode() for s in decode_fields(listing[6][0])[1]]
    if RESULTS_SERVICE not in services:
        raise RuntimeError("%s not offered; services: %s" % (RESULTS_SERVICE, services))
    # file_containing_symbol (field 4): the file of the service and, transitively, its imports
    files = reflect(channel, encode_string_field(4, RESULTS_SERVICE))
    protos = [descriptor_pb2.FileDescriptorProto.FromString(raw) for raw in decode_fields(files[4][0])[1]]
    pool = descriptor_pool.DescriptorPool()
    pending = {proto.name: proto for proto in protos}
    while pending:
        ready = [p for p in pending.values() if all(d not in pending for d in p.dependency)]
        if not ready:
            raise RuntimeError("unresolvable imports among %s" % list(pending))
        for proto in ready:
            pool.Add(proto)
            del pending[proto.name]
    method = pool.FindServiceByName(RESULTS_SERVICE).methods_by_name["GetIdProfile"]
    factory = message_factory.MessageFactory(pool)
    request_class = factory.GetPrototype(method.input_type)
    response_class = factory.GetPrototype(method.output_type)
    call = channel.unary_unary("/%s/GetIdProfile" % RESULTS_SERVICE,
                               request_serializer=lambda m: m.SerializeToString(),
                               response_deserializer=response_class.FromString)
    profile = call(request_class(run_id=run_id), timeout=30)
    print(json.dumps({"services": services,
                      "id_profile": json_format.MessageToDict(profile, preserving_proto_field_name=True)}))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
