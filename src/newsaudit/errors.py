"""Every error newsaudit raises on purpose, in one place.

Each error carries a short code (``E0xx``) so users can search for it and tests
can assert it without matching prose. The CLI turns any :class:`NewsauditError`
into one line on stderr and exit code 2; the service turns it into a 4xx JSON body.
"""

from __future__ import annotations


class NewsauditError(Exception):
    """Base class: a problem with the input or the installation, not a bug."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(NewsauditError, ValueError):
    """The input cannot be read as an article (empty, binary, too large, malformed)."""

    code = "E010"


class EmptyInputError(InputError):
    code = "E011"


class BinaryInputError(InputError):
    code = "E012"


class EncodingError(InputError):
    code = "E013"


class InputTooLargeError(InputError):
    code = "E014"


class FormatError(InputError):
    """The file's format is unknown or its content does not match it."""

    code = "E015"


class ModelError(NewsauditError):
    """A model directory is missing, incomplete or fails its integrity check."""

    code = "E020"


class ModelIntegrityError(ModelError):
    """A model file's sha256 differs from the manifest: it was changed or corrupted."""

    code = "E021"


class PipelineError(NewsauditError):
    """A pipeline is misconfigured (unknown component, missing requirement)."""

    code = "E030"


class MissingDependencyError(NewsauditError, ImportError):
    """An optional dependency (an extra such as ``train``) is not installed."""

    code = "E040"


class AddressInUseError(NewsauditError, OSError):
    """``newsaudit serve`` cannot listen where it was asked to (the port is taken, the address is not ours)."""

    code = "E050"
