"""kg's version: one definition, which the package, the build records of a store and the
dataset description read."""

__version__ = "0.1.0"
