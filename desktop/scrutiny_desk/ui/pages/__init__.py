"""Pages of the navigation list: each a widget given a ``Workspace`` that shows one
aspect of the review shown (``show_review``) and reads it again after a change
(``reload``); see ``ui.workspace.Page``."""
