"""One module a kubectl verb: ``NAME = "get"`` and ``run(cluster, argv, stdin) -> Result``."""
