"""Runs one notebook through Jupyter's own client (nbclient) in the .NET (C#) kernel, as
`jupyter nbconvert --to notebook --execute` does, with the kernel started in the course's notebooks folder.

usage: run_notebook.py NOTEBOOK.ipynb WORKING_DIR OUTPUT.ipynb
Prints one JSON line: the error outputs (cell index, name, value) and how many outputs are Plotly.NET charts.
"""
import json
import sys

import nbformat
from nbclient import NotebookClient

source, working_dir, output = sys.argv[1:4]
notebook = nbformat.read(source, as_version=4)
notebook.metadata["kernelspec"] = {"name": ".net-csharp", "display_name": ".NET (C#)", "language": "C#"}
client = NotebookClient(notebook, kernel_name=".net-csharp", timeout=600, startup_timeout=300, allow_errors=True,
                        resources={"metadata": {"path": working_dir}})
client.execute()
nbformat.write(notebook, output)
errors = [{"cell": i, "name": o.get("ename", ""), "value": o.get("evalue", "")[:500]}
          for i, cell in enumerate(notebook.cells) for o in cell.get("outputs", []) if o.get("output_type") == "error"]
charts = sum(1 for cell in notebook.cells for o in cell.get("outputs", [])
             if "Plotly.newPlot(" in "".join(o.get("data", {}).get("text/html", "")))
print(json.dumps({"errors": errors, "charts": charts}))
