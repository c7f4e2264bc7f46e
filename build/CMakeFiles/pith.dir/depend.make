# Empty dependencies file for pith.
# This may be replaced when dependencies are built.
