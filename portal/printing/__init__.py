"""Print view and PDF copy of every public content page (NĐ 42/2022/NĐ-CP, Art. 7: "print and save").

No models: ``mixin.PrintableMixin`` adds the routes to ``portal.models.ContentPage``; ``content`` turns a
page into a ``document.PrintDocument`` (one description for both outputs), ``richtext`` cleans the
rich text, ``pdf`` lays the document out with reportlab and ``views`` answers the two routes.
See docs/printing.md.
"""
