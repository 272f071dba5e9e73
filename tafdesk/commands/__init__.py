"""Command-line commands beyond the core ones in cli.py, one module per area.

Each module defines ``register(add)``, where ``add(name, func, help)`` returns the argparse
sub-parser for the command; cli.py finds the modules here, so adding a command touches no
shared file.
"""
