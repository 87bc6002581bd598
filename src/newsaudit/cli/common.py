"""What every ``newsaudit`` command shares: error handling, the model option, output helpers.

Each command parses its arguments, calls one library function and prints the
result. A :class:`~newsaudit.errors.NewsauditError` (bad input, a broken model,
a missing extra) or an unreadable input path becomes one line on stderr,
``error: ...``, and exit code 2, never a traceback. Heavy modules are imported
inside the commands, so ``newsaudit --help`` starts fast.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from newsaudit.errors import NewsauditError

if TYPE_CHECKING:
    from newsaudit.pipeline import Pipeline

#: Exit code for input, model and installation problems (click uses it for usage errors too).
EXIT_ERROR = 2

# Optional dependencies that the 'train' extra brings.
_TRAIN_EXTRA_MODULES = frozenset({"sklearn", "scipy", "matplotlib"})
_TRAIN_EXTRA_HINT = "pip install 'newsaudit[train]'"


def load_pipeline(model: Path | None, **options: Any) -> Pipeline:
    """Load the pipeline the commands use; tests replace this function with a fake."""
    import newsaudit

    return newsaudit.load(model, **options)


def fail(message: str) -> NoReturn:
    # One line, whatever the message holds, so scripts can grep stderr.
    click.echo(f"error: {' '.join(message.split())}", err=True)
    raise click.exceptions.Exit(EXIT_ERROR)


def _os_error_message(exc: OSError) -> str:
    if exc.filename is not None:
        return f"{exc.strerror or exc}: {exc.filename}"
    return str(exc)


class Group(click.Group):
    """A group whose commands report known errors as ``error: <message>`` and exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsauditError as exc:
            fail(str(exc))
        except (FileNotFoundError, FileExistsError, IsADirectoryError, NotADirectoryError, PermissionError) as exc:
            fail(_os_error_message(exc))


@contextmanager
def needs_train_extra(what: str) -> Iterator[None]:
    """Turn a missing scikit-learn (or friend) into the one-line install hint."""
    try:
        yield
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] in _TRAIN_EXTRA_MODULES:
            fail(f"{what} needs the 'train' extra: {_TRAIN_EXTRA_HINT}")
        raise


model_option = click.option(
    "--model",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="A reliability model directory written by 'newsaudit train reliability'. [default: the shipped model]",
)
toxicity_model_option = click.option(
    "--model",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="A toxicity model directory written by 'newsaudit train toxicity'. [default: the shipped model]",
)


# -- output helpers


def console() -> Any:
    from rich.console import Console

    # Colour and width follow the terminal; piped output gets plain text, 80 columns wide.
    return Console()


def format_value(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v) for v in value)
    return str(value)


def flatten(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        if isinstance(value, Mapping):
            yield from flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def jsonable(value: Any) -> Any:
    # numpy scalars and arrays, paths.
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
