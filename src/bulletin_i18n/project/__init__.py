"""The pipeline over a project's files, above every stage.

:class:`~.project.Project` finds bulletins and reads each catalog once a run;
:mod:`.steps` updates one bulletin's catalogs and builds its editions;
:mod:`.sync` is the editor's command; :mod:`.publish`, :mod:`.translate`,
:mod:`.checking` and :mod:`.exchange` the other commands; :mod:`.state` the
digests and the lock; :mod:`.memories` the project's translation memory.
No stage imports this package.
"""

from .project import Bulletin, Project

__all__ = ["Bulletin", "Project"]
