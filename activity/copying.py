"""Used by the data migrations that move an app's own log into the activity log.

Kept stable on purpose: migrations import it. Each old row becomes one `LogEntry` with
its own time, marked in `data` with where it came from; rows copied before are skipped.
"""


def copy_into_activity_log(apps, *, old, parent, fields):
    """Copy every row of model `old` ("app.Model") into activity.LogEntry.

    `parent` ("app.Model") is the logged model; `fields` maps LogEntry's names
    (object_id, action, from_state, to_state, actor_id, at, comment) to the old row's.
    """
    Old = apps.get_model(old)
    LogEntry = apps.get_model("activity", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not Old.objects.exists():
        return
    LogEntry._meta.get_field("at").auto_now_add = False  # keep each entry's own time
    app_label, model = parent.lower().split(".")
    content_type = ContentType.objects.get_or_create(app_label=app_label, model=model)[0]
    done = {
        entry.data.get("old_id")
        for entry in LogEntry.objects.filter(content_type=content_type).only("data")
        if entry.data.get("migrated_from") == old
    }
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                data={"migrated_from": old, "old_id": row.pk},
                **{new: getattr(row, name) for new, name in fields.items()},
            )
            for row in Old.objects.order_by("pk").iterator()
            if row.pk not in done
        ],
        batch_size=1000,
    )


def copy_back_from_activity_log(apps, *, old, parent, fields):
    """The reverse: rebuild model `old`'s rows from the activity log of `parent`."""
    Old = apps.get_model(old)
    LogEntry = apps.get_model("activity", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, model = parent.lower().split(".")
    content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    if content_type is None:
        return
    Old.objects.bulk_create(
        [
            Old(**{name: getattr(entry, new) for new, name in fields.items()})
            for entry in LogEntry.objects.filter(content_type=content_type).order_by("at", "pk")
        ],
        batch_size=1000,
    )
