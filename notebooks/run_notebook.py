#!/usr/bin/python3
"""Executes a Jupyter notebook headless and fails loudly if any cell raises.

Usage: /usr/bin/python3 notebooks/run_notebook.py NOTEBOOK [--timeout S] [--output PATH]

The notebook runs in a kernel started by this same interpreter (a private kernelspec in a
temporary folder, so a "python3" kernelspec elsewhere on the machine cannot send it to another
Python), with matplotlib's Agg backend and the notebook's own folder as working directory.
Environment variables such as FLEETSIM_OUT pass through to the kernel. The executed notebook is
written only where --output says, never back over the source.

Exit codes: 0 every cell ran; 1 a cell raised (its index, source and traceback are printed);
3 the kernel died, or a cell or the kernel start-up timed out; 2 bad command line.
"""
import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL_NAME = "fleetsim-python3"
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def install_kernelspec(jupyter_dir: Path) -> None:
    """Writes a kernelspec that runs ipykernel under this interpreter."""
    spec_dir = jupyter_dir / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": f"Python 3 ({sys.executable})",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1))


def isolate_environment(scratch: Path) -> None:
    """Points Jupyter and IPython at scratch folders so a run neither reads nor writes the user's."""
    jupyter_dir = scratch / "jupyter"
    install_kernelspec(jupyter_dir)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(jupyter_dir), os.environ.get("JUPYTER_PATH", "")) if p)
    os.environ["JUPYTER_RUNTIME_DIR"] = str(scratch / "runtime")
    os.environ["IPYTHONDIR"] = str(scratch / "ipython")
    # ipykernel would otherwise select the inline backend; Agg needs no display and emits no images.
    os.environ["MPLBACKEND"] = "Agg"
    # ipykernel's debugger otherwise warns on stderr about frozen modules at every start.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


def failing_cell(nb) -> tuple[int, dict] | None:
    """The first code cell with an error output, with its 1-based index among all cells."""
    for index, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, cell
    return None


def report_failure(nb, notebook: Path, error: Exception) -> None:
    found = failing_cell(nb)
    print(f"FAILED: {notebook}", file=sys.stderr)
    if found is None:
        print(ANSI_ESCAPE.sub("", str(error)), file=sys.stderr)
        return
    index, cell = found
    error_output = next(o for o in cell["outputs"] if o.get("output_type") == "error")
    print(f"--- cell {index} (id {cell.get('id', '?')}) ---", file=sys.stderr)
    print(cell.source, file=sys.stderr)
    print("--- traceback ---", file=sys.stderr)
    traceback = error_output.get("traceback") or [f"{error_output.get('ename')}: {error_output.get('evalue')}"]
    print(ANSI_ESCAPE.sub("", "\n".join(traceback)), file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description="Execute a notebook; non-zero exit if a cell fails.")
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--timeout", type=float, default=120, help="seconds allowed per cell (default 120)")
    parser.add_argument("--output", type=Path, help="also write the executed notebook here")
    args = parser.parse_args()

    notebook = args.notebook.resolve()
    if not notebook.is_file():
        print(f"no such notebook: {args.notebook}", file=sys.stderr)
        return 2
    if args.output is not None and args.output.resolve() == notebook:
        print("--output must not overwrite the source notebook", file=sys.stderr)
        return 2

    nb = nbformat.read(notebook, as_version=4)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fleetsim-nb-") as scratch:
        isolate_environment(Path(scratch))
        client = NotebookClient(
            nb,
            kernel_name=KERNEL_NAME,
            timeout=args.timeout,
            startup_timeout=60,
            allow_errors=False,
            resources={"metadata": {"path": str(notebook.parent)}},
        )
        try:
            client.execute()
        except CellTimeoutError as error:
            report_failure(nb, notebook, error)
            print(f"a cell ran longer than {args.timeout:g} s", file=sys.stderr)
            return 3
        except DeadKernelError as error:
            report_failure(nb, notebook, error)
            return 3
        except CellExecutionError as error:
            report_failure(nb, notebook, error)
            return 1
        except RuntimeError as error:  # the kernel did not start in time
            print(f"FAILED: {notebook}: {error}", file=sys.stderr)
            return 3
        finally:
            if args.output is not None:
                nbformat.write(nb, args.output)

    code_cells = sum(1 for cell in nb.cells if cell.cell_type == "code")
    print(f"ok: {args.notebook} ({code_cells} code cells, {time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
