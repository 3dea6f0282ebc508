#!/usr/bin/env python3
"""validate_sarif.py SCHEMA FILE... — validates SARIF logs against the official SARIF 2.1.0 JSON
schema with the `jsonschema` package (Debian: python3-jsonschema). Exit 0 when every file is valid,
1 when one is not (the first error of each is printed), 2 when the validator or schema is missing."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("validate_sarif: the Python module 'jsonschema' is missing: install the Debian package "
          "python3-jsonschema (make deps)", file=sys.stderr)
    sys.exit(2)

if len(sys.argv) < 3:
    print(__doc__, file=sys.stderr)
    sys.exit(2)
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
except OSError as e:
    print(f"validate_sarif: cannot read the SARIF schema {sys.argv[1]}: {e.strerror} "
          "(CI expects the shared/ checkout beside the repository)", file=sys.stderr)
    sys.exit(2)

Validator = jsonschema.validators.validator_for(schema)
Validator.check_schema(schema)
validator = Validator(schema, format_checker=jsonschema.FormatChecker())
bad = 0
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    if errors:
        bad += 1
        e = errors[0]
        print(f"INVALID {path}: {e.message} at /{'/'.join(map(str, e.path))}")
    else:
        print(f"valid {path}")
sys.exit(1 if bad else 0)
