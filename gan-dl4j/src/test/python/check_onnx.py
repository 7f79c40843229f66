"""Runs the ONNX checker (full check: schema, types and shape inference) over exported models.

Usage: /usr/bin/python3 gan-dl4j/src/test/python/check_onnx.py gan-dl4j/target/onnx-exports/*.onnx
(Debian's python3-onnx; OnnxExportTest leaves its exports in gan-dl4j/target/onnx-exports.)
Prints one line per file and exits 1 if any file fails.
"""
import sys

import onnx
import onnx.checker
import onnx.shape_inference

failed = 0
for path in sys.argv[1:]:
    try:
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
        inferred = onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
        outputs = ", ".join(
            f"{o.name}{[d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim]}" for o in inferred.graph.output)
        print(f"ok   {path}: ir {model.ir_version}, opset {model.opset_import[0].version}, "
              f"{len(model.graph.node)} nodes, outputs {outputs}")
    except Exception as e:  # noqa: BLE001 - report every file
        failed += 1
        print(f"FAIL {path}: {e}")
sys.exit(1 if failed else 0)
