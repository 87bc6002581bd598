"""The HTTP service and its web page (the ``serve`` extra: FastAPI and uvicorn).

``create_app(pipeline=None, *, limits=Limits())`` builds the app; ``newsaudit
serve`` runs it with uvicorn. Importing :mod:`newsaudit` does not import this
package: FastAPI loads only when the service is used.
"""

from newsaudit.serve.app import create_app
from newsaudit.serve.limits import Limits

__all__ = ["Limits", "create_app"]
