"""Helpers for the demo-content command: find a page by slug or build it with
the app's factory, so running the command twice changes nothing."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page


def ensure_child(parent: Page, factory, slug: str, **fields) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = factory(parent=parent, slug=slug, **fields)
    # Publish through a revision, as an editor would: history and dates are real.
    page.save_revision().publish()
    return page


def demo_pdf(title: str) -> bytes:
    """A one-page PDF with `title` on it: the demo's papers are ours, made
    here, not copied from any council."""
    escaped = title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    text = f"BT /F1 16 Tf 72 760 Td ({escaped}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def ensure_document(title: str, filename: str):
    """The demo document called `title`, made once."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title, file=ContentFile(demo_pdf(title), name=filename))
    document._set_document_file_metadata()  # size and hash, as an upload gets
    document.save()
    return document
