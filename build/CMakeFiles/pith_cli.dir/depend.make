# Empty dependencies file for pith_cli.
# This may be replaced when dependencies are built.
