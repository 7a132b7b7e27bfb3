"""The two storages of user files, and the rule both keep: images are stored re-encoded.

Every image written through either storage — whatever form, admin page, API or service
it came from — is decoded and re-encoded by Pillow (`brandportal.files.reencode_image`)
and stored under a name whose extension is that of its content. The public storage
(MEDIA_ROOT, served under MEDIA_URL by `brandportal.views.media`) holds images only.

Evidence documents and certificates live under PRIVATE_MEDIA_ROOT and reach a browser
only through views that check who is asking. Locations are read from settings on each
use, so tests can point them at a temporary folder.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

from .files import EXTENSIONS, IMAGE_KINDS, reencode_image, sniff_file_type


class ReencodedImagesMixin:
    images_only = False

    def save(self, name, content, max_length=None):
        if name is None:
            name = content.name
        kind = sniff_file_type(content)
        if kind in IMAGE_KINDS:
            content, kind = reencode_image(content, kind)
            name = str(PurePosixPath(name).with_suffix(EXTENSIONS[kind]))
        elif self.images_only:
            raise SuspiciousFileOperation("Only images are stored under MEDIA_ROOT.")
        return super().save(name, content, max_length=max_length)


@deconstructible(path="brandportal.storage.PublicImageStorage")
class PublicImageStorage(ReencodedImagesMixin, FileSystemStorage):
    """The default storage: user images shown on public pages, nothing else."""

    images_only = True


@deconstructible(path="brandportal.storage.PrivateStorage")
class PrivateStorage(ReencodedImagesMixin, FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


private_storage = PrivateStorage()
