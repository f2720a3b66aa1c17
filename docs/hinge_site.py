"""Sphinx hooks of the course site: a note under every interactive view, links to repository files, and
one fix of Jupyter Book 1's output.

A view's output is one mime bundle holding the widget (``application/vnd.jupyter.widget-view+json``),
a picture of its first state (``image/png``) and a text description. With no kernel the widget cannot
run, so _config.yml drops the widget from the HTML (``nb_mime_priority_overrides``) and myst-nb shows
the picture; this hook adds, after every output that held a widget, a note saying so.

A lesson links to a section of another the way JupyterLab writes it (``01_margin_geometry.ipynb#Glossary``:
the heading's text, as typed); MyST's anchors are slugs of the heading (``glossary``). Such a fragment is
turned into MyST's slug, so the link lands on the section in JupyterLab and on the site alike.

scikit-learn adds ``set_fit_request``-style methods to every estimator class, with docstrings written for
its own documentation (glossary terms, labels); they are left out of the API pages.

A lesson may link to a file of the repository that is not a page of the site (``../README.md``): such a
link goes to that file in the repository, at the tag of _config.yml (tests/test_site.py checks the file
exists), instead of a broken link and a warning.

A concept-check quiz (jupyterquiz) is a script that calls MathJax right after drawing the quiz; run while
MathJax is still loading it throws. Its script is kept, unchanged, under a type the browser does not run,
and _static/run-quizzes.js runs it once MathJax has started.

Jupyter Book 1.0.4 with Sphinx 7.4 puts sphinx-thebe's inline configuration on every page twice (once
with the file name None, once with "", so Sphinx does not see they are the same); it declares a ``const``,
so the second copy is a script error on every page. Identical scripts are kept once.
"""

import posixpath
import re

from docutils import nodes
from sphinx import addnodes

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
NOTE = (
    "Interactive view: it needs a running kernel.{picture} To use it, launch this lesson "
    "(the rocket button at the top of the page) or open it in JupyterLab, and run its cells."
)
PICTURE = " The picture shows its first state."


def _mime_types(node) -> set:
    """The mime types of a myst-nb output bundle (before it picks one for the builder), else nothing."""
    if isinstance(node, nodes.container) and node.get("nb_element") == "mime_bundle":
        return {child.get("mime_type") for child in node.children}
    return set()


def add_view_notes(app, doctree):
    for bundle in list(doctree.findall(lambda node: WIDGET_MIME in _mime_types(node))):
        text = NOTE.format(picture=PICTURE if "image/png" in _mime_types(bundle) else "")
        bundle.parent.insert(bundle.parent.index(bundle) + 1, nodes.paragraph(text, text, classes=["view-note"]))


def jupyterlab_anchor_to_slug(fragment: str) -> str:
    """MyST's default heading slug (mdit_py_plugins.anchors.slugify) of a JupyterLab heading anchor."""
    return re.sub(r"[^\w\u4e00-\u9fff\- ]", "", fragment.lower().replace(" ", "-"))


def slug_section_links(app, doctree):
    sections = {}  # this page's sections by the slug of their title
    for section in doctree.findall(nodes.section):
        if section.children and isinstance(section[0], nodes.title) and section["ids"]:
            sections.setdefault(jupyterlab_anchor_to_slug(section[0].astext()), section["ids"][0])
    for xref in list(doctree.findall(addnodes.pending_xref)):
        if xref.get("reftype") != "myst":
            continue
        if xref.get("refdomain") == "doc" and xref.get("reftargetid"):  # another page's section
            xref["reftargetid"] = jupyterlab_anchor_to_slug(xref["reftargetid"])
        elif not xref.get("refdomain"):  # [Glossary](#Glossary): a section of this page, if it has that title
            section_id = sections.get(jupyterlab_anchor_to_slug(xref.get("reftarget", "")))
            if section_id:
                inner = xref.children[0].children if len(xref.children) == 1 else xref.children
                xref.replace_self(nodes.reference("", "", *inner, refid=section_id, internal=True))


def skip_foreign_members(app, what, name, obj, skip, options):
    module = getattr(obj, "__module__", None) or ""
    if what == "class" and module.split(".")[0] == "sklearn":
        return True
    return None


def link_repository_files(app, doctree):
    docname = app.env.docname
    theme = app.config.html_theme_options
    base = f"{theme['repository_url'].rstrip('/')}/blob/{theme['repository_branch']}/"
    for xref in list(doctree.findall(addnodes.pending_xref)):
        target = xref.get("reftarget", "")
        if xref.get("reftype") != "myst" or xref.get("refdomain") or "://" in target or target.startswith("#"):
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), target))
        if posixpath.splitext(path)[0] in app.env.found_docs:
            continue  # a page of the site: myst resolves it
        link = nodes.reference("", "", *xref.children, refuri=base + path, classes=["repository-file"])
        xref.replace_self(link)


QUIZ_SCRIPT = '<script type="application/javascript">'


def defer_quiz_scripts(app, doctree):
    """A jupyterquiz output's script, stored with a type the browser does not run; _static/run-quizzes.js
    runs it, unchanged, once MathJax has started (it calls MathJax as soon as it has drawn the quiz)."""
    for raw in list(doctree.findall(nodes.raw)):
        text = raw.astext()
        if raw.get("format") == "html" and text.startswith(QUIZ_SCRIPT) and "show_questions(" in text:
            deferred = '<script type="text/x-jupyterquiz">' + text[len(QUIZ_SCRIPT) :]
            raw.replace_self(nodes.raw("", deferred, format="html"))


def keep_scripts_once(app, pagename, templatename, context, doctree):
    seen, unique = set(), []
    for script in context.get("script_files", []):
        key = (script.filename or "", tuple(sorted(script.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    app.connect("doctree-read", add_view_notes)
    app.connect("doctree-read", slug_section_links)
    app.connect("doctree-read", link_repository_files)
    app.connect("autodoc-skip-member", skip_foreign_members)
    app.connect("doctree-read", defer_quiz_scripts)
    app.connect("html-page-context", keep_scripts_once)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
