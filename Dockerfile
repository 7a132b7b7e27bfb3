# The portal's image: gunicorn by default; the Celery worker and beat run from it too.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango (it brings HarfBuzz and fontconfig). libharfbuzz-subset0 makes
# CJK font subsetting fast (~0.1 s a certificate page instead of ~10 s and 400 MiB);
# fonts-noto-cjk carries the Chinese glyphs embedded in PDFs. gettext is for
# compilemessages (the English translation).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fontconfig \
        fonts-noto-cjk \
        gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so a code change does not reinstall them. The project declares no
# packages of its own (pyproject: packages = []): only its dependencies get installed.
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .

# Static files and translations are built into the image. Settings need a SECRET_KEY in
# production mode: a throwaway one, set for this command only (never an ENV layer).
RUN export DJANGO_DEBUG=0 SECRET_KEY=build-time-only-not-a-secret ALLOWED_HOSTS=localhost \
    && python manage.py collectstatic --no-input \
    && if [ -d locale ]; then python manage.py compilemessages; fi

# A non-root user; the media folders exist (owned by it) so that named volumes mounted
# there start with the right owner.
RUN useradd --system --create-home --home-dir /home/app --shell /usr/sbin/nologin app \
    && mkdir -p /data/media /data/private_media \
    && chown -R app:app /data
USER app

ENV DJANGO_DEBUG=0 \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private_media

EXPOSE 8000
CMD ["gunicorn", "brandportal.wsgi:application", "--bind", "0.0.0.0:8000"]
