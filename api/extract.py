"""Writes Clarifai's API definition, as compiled into the official Python client `clarifai-grpc`, in the
JSON form protobufjs loads (`protobuf.Root.fromJSON`).

The `*_pb2.py` modules of clarifai-grpc embed the serialized FileDescriptorProtos of Clarifai's protos,
options included (`google.api.http` routes, `cl_show_if_empty`, `cl_private_field`, `deprecated`).
This walks the dependency closure of `proto/clarifai/api/service.proto` and converts messages, enums,
oneofs, maps and services, keeping every option: scalar options as protobufjs `options`
(`"(clarifai.api.utils.cl_show_if_empty)": true`), message-valued ones (the HTTP rules) as
`parsedOptions`, exactly as protobufjs records them when it parses `.proto` text.

Usage: python extract.py OUT.json   (run by api/regenerate with the pinned venv)
"""
import json
import sys

from google.protobuf import descriptor_pb2
from google.protobuf.json_format import MessageToDict
import clarifai_grpc
from clarifai_grpc.grpc.api import service_pb2

SKIP_FILES = {"google/protobuf/descriptor.proto"}  # only needed to declare custom options

SCALARS = {
    descriptor_pb2.FieldDescriptorProto.TYPE_DOUBLE: "double",
    descriptor_pb2.FieldDescriptorProto.TYPE_FLOAT: "float",
    descriptor_pb2.FieldDescriptorProto.TYPE_INT64: "int64",
    descriptor_pb2.FieldDescriptorProto.TYPE_UINT64: "uint64",
    descriptor_pb2.FieldDescriptorProto.TYPE_INT32: "int32",
    descriptor_pb2.FieldDescriptorProto.TYPE_FIXED64: "fixed64",
    descriptor_pb2.FieldDescriptorProto.TYPE_FIXED32: "fixed32",
    descriptor_pb2.FieldDescriptorProto.TYPE_BOOL: "bool",
    descriptor_pb2.FieldDescriptorProto.TYPE_STRING: "string",
    descriptor_pb2.FieldDescriptorProto.TYPE_BYTES: "bytes",
    descriptor_pb2.FieldDescriptorProto.TYPE_UINT32: "uint32",
    descriptor_pb2.FieldDescriptorProto.TYPE_SFIXED32: "sfixed32",
    descriptor_pb2.FieldDescriptorProto.TYPE_SFIXED64: "sfixed64",
    descriptor_pb2.FieldDescriptorProto.TYPE_SINT32: "sint32",
    descriptor_pb2.FieldDescriptorProto.TYPE_SINT64: "sint64",
}


def closure(fd, out):
    if fd.name in out:
        return
    for dep in fd.dependencies:
        closure(dep, out)
    out[fd.name] = fd


def options_of(opts):
    """(flat options, parsedOptions) in protobufjs's shape; extensions named `(full.name)`."""
    flat, parsed = {}, []
    for field, value in opts.ListFields():
        name = f"({field.full_name})" if field.is_extension else field.name
        if field.message_type is not None:
            values = value if field.is_repeated else [value]
            for v in values:
                parsed.append({name: MessageToDict(v, preserving_proto_field_name=True)})
        else:
            name_of = (lambda v: field.enum_type.values_by_number[v].name) if field.enum_type is not None else (lambda v: v)
            flat[name] = [name_of(v) for v in value] if field.is_repeated else name_of(value)
    return flat, parsed


def put_options(target, opts):
    flat, parsed = options_of(opts)
    if flat:
        target["options"] = flat
    if parsed:
        target["parsedOptions"] = parsed


def convert_enum(e):
    out = {"values": {v.name: v.number for v in e.value}}
    put_options(out, e.options)
    vopts = {}
    for v in e.value:
        flat, _ = options_of(v.options)
        if flat:
            vopts[v.name] = flat
    if vopts:
        out["valuesOptions"] = vopts
    return out


def convert_message(m, proto3):
    maps = {n.name: n for n in m.nested_type if n.options.map_entry}
    out = {"fields": {}}
    oneofs = {}
    for f in m.field:
        j = {"id": f.number}
        entry = maps.get(f.type_name.rsplit(".", 1)[-1]) if f.type == f.TYPE_MESSAGE else None
        if entry is not None and f.label == f.LABEL_REPEATED:
            key, val = entry.field[0], entry.field[1]
            j["keyType"] = SCALARS[key.type]
            j["type"] = SCALARS.get(val.type) or val.type_name
        else:
            j["type"] = SCALARS.get(f.type) or f.type_name
            if f.label == f.LABEL_REPEATED:
                j["rule"] = "repeated"
        put_options(j, f.options)
        if f.HasField("oneof_index") and not f.proto3_optional:
            oneofs.setdefault(m.oneof_decl[f.oneof_index].name, []).append(f.name)
        if f.proto3_optional:
            j["proto3_optional"] = True
        out["fields"][f.name] = j
    if oneofs:
        out["oneofs"] = {k: {"oneof": v} for k, v in oneofs.items()}
    if m.reserved_range or m.reserved_name:
        out["reserved"] = [[r.start, r.end - 1] for r in m.reserved_range] + list(m.reserved_name)
    nested = {}
    for n in m.nested_type:
        if not n.options.map_entry:
            nested[n.name] = convert_message(n, proto3)
    for e in m.enum_type:
        nested[e.name] = convert_enum(e)
    if nested:
        out["nested"] = nested
    put_options(out, m.options)
    return out


def convert_service(s):
    out = {"methods": {}}
    for meth in s.method:
        j = {"requestType": meth.input_type, "responseType": meth.output_type}
        if meth.client_streaming:
            j["requestStream"] = True
        if meth.server_streaming:
            j["responseStream"] = True
        put_options(j, meth.options)
        out["methods"][meth.name] = j
    return out


def namespace(root, package):
    node = root
    for part in package.split(".") if package else []:
        node = node.setdefault("nested", {}).setdefault(part, {})
    return node.setdefault("nested", {})


def main(path):
    files = {}
    closure(service_pb2.DESCRIPTOR, files)
    root = {}
    for name, fd in files.items():
        if name in SKIP_FILES:
            continue
        proto = descriptor_pb2.FileDescriptorProto.FromString(fd.serialized_pb)
        ns = namespace(root, proto.package)
        proto3 = proto.syntax == "proto3"
        for m in proto.message_type:
            ns[m.name] = convert_message(m, proto3)
        for e in proto.enum_type:
            ns[e.name] = convert_enum(e)
        for s in proto.service:
            ns[s.name] = convert_service(s)
    doc = {
        "source": f"PyPI clarifai-grpc {clarifai_grpc.__version__}: the FileDescriptorProtos embedded in its *_pb2 modules",
        "version": clarifai_grpc.__version__,
        "files": [n for n in files if n not in SKIP_FILES],
        "root": root,
    }
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
