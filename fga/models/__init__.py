"""fga's registered models: importing this package registers every
backbone, neck, head, loss, localizer and recognizer into MMAction2's
``MODELS`` registry. Building blocks are in :mod:`fga.models.common`, pure
functions in :mod:`fga.models.utils` and checkpoint converters in
:mod:`fga.models.converters`."""
from .backbones import *  # noqa: F401,F403
from .heads import *  # noqa: F401,F403
from .localizers import *  # noqa: F401,F403
from .losses import *  # noqa: F401,F403
from .necks import *  # noqa: F401,F403
from .recognizers import *  # noqa: F401,F403
