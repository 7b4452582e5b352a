#!/usr/bin/env python3
"""Independent checks of Attest's linked-data output with tools nobody on the Attest team wrote.

  independent_check.py proof CONTEXTS.json SIGNED.json
      pyld canonicalises (URDNA2015/RDFC-1.0) the credential without its proof and the proof options,
      then Python's `cryptography` verifies the eddsa-rdfc-2022 Ed25519 signature over
      SHA-256(proof options) || SHA-256(document). Prints the canonical document N-Quads on success.
  independent_check.py schema SCHEMA.json CREDENTIAL.json
      validates the credential (proof included) against the vendored 1EdTech Open Badges 3.0 JSON Schema with
      the `jsonschema` package (draft 2019-09); prints each violation and exits non-zero when there is one.
  independent_check.py status LIST.json INDEX
      decodes encodedList with Python's base64 and gzip and prints "set" or "clear" for INDEX
      (bit 0 = most significant bit of the first byte), and the list's length in bits.

CONTEXTS.json maps each context URL to its document text; no context is ever fetched.
"""
import base64
import gzip
import hashlib
import json
import sys

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58decode(text):
    n = 0
    for c in text:
        n = n * 58 + B58.index(c)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + raw


def proof(contexts_path, signed_path):
    from pyld import jsonld
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    contexts = json.load(open(contexts_path))

    def loader(url, options=None):
        if url not in contexts:
            raise Exception("context not held: " + url)
        return {"contextUrl": None, "documentUrl": url, "document": json.loads(contexts[url])}

    jsonld.set_document_loader(loader)
    signed = json.load(open(signed_path))
    document = {k: v for k, v in signed.items() if k != "proof"}
    options = {k: v for k, v in signed["proof"].items() if k != "proofValue"}
    options["@context"] = signed["@context"]
    normalise = {"algorithm": "URDNA2015", "format": "application/n-quads"}
    canonical_document = jsonld.normalize(document, normalise)
    canonical_options = jsonld.normalize(options, normalise)
    data = hashlib.sha256(canonical_options.encode()).digest() + hashlib.sha256(canonical_document.encode()).digest()
    method = signed["proof"]["verificationMethod"]
    if method.startswith("did:key:z"):
        multibase = method.split("#")[0][len("did:key:"):]
    else:
        # A did:web method names its Multikey in the fragment (did:web:example.edu#z6Mk...).
        assert method.startswith("did:web:") and "#z" in method, "only did:key and did:web#z... methods are checked here"
        multibase = method.split("#", 1)[1]
    key = b58decode(multibase[1:])
    assert key[:2] == b"\xed\x01" and len(key) == 34, "not an Ed25519 Multikey"
    signature = b58decode(signed["proof"]["proofValue"][1:])
    Ed25519PublicKey.from_public_bytes(key[2:]).verify(signature, data)
    sys.stdout.write(canonical_document)


def status(list_path, index):
    encoded = json.load(open(list_path))["credentialSubject"]["encodedList"]
    assert encoded[0] == "u", "not multibase base64url"
    body = encoded[1:]
    raw = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    bit = (raw[index // 8] >> (7 - index % 8)) & 1
    print(("set" if bit else "clear") + " " + str(len(raw) * 8))


def schema(schema_path, credential_path):
    from jsonschema import Draft201909Validator

    validator = Draft201909Validator(json.load(open(schema_path)), format_checker=Draft201909Validator.FORMAT_CHECKER)
    errors = list(validator.iter_errors(json.load(open(credential_path))))
    for error in errors:
        print("schema:", list(error.path), error.message[:300])
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    if sys.argv[1] == "proof":
        proof(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "schema":
        schema(sys.argv[2], sys.argv[3])
    else:
        status(sys.argv[2], int(sys.argv[3]))
