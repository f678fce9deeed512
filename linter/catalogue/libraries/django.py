"""Django: the ORM runs SQL when a queryset is evaluated (`get`, `first`, `count`, `exists`,
`list()`/`len()`/`bool()` of one...) and when a model is saved or deleted; `django.core.mail`
talks SMTP. The async ORM (`aget`, `acount`, `async for`) is awaited, so never matched."""

from ..model import Kind, entries

_ORM = "the async ORM methods (`aget`, `afirst`, `acount`, `async for`), or `sync_to_async`"
_MAIL = "`await asyncio.to_thread(send_mail, ...)` or an async mail client (aiosmtplib)"

_QS = "django.db.models.query.QuerySet"
_MANAGER = "django.db.models.manager.Manager"
_MODEL = "django.db.models.Model"
_CURSOR = "django.db.backends.utils.CursorWrapper"

# evaluate the query: rows, a count, an object, or a write
_EVALUATING = ("get", "first", "last", "count", "exists", "create", "get_or_create",
               "update_or_create", "bulk_create", "bulk_update", "update", "delete", "aggregate",
               "in_bulk", "latest", "earliest", "iterator", "explain", "contains")
# build another lazy queryset
_LAZY = ("all", "filter", "exclude", "order_by", "select_related", "prefetch_related", "values",
         "values_list", "annotate", "alias", "only", "defer", "distinct", "none", "using", "reverse",
         "select_for_update", "union", "intersection", "difference", "extra", "complex_filter")

BLOCKING_APIS = (
    entries(Kind.DATABASE, _ORM, [
        *(f"{_QS}.{m}" for m in _EVALUATING),
        *(f"{_MANAGER}.{m}" for m in _EVALUATING if m != "delete"),
        f"{_QS}.__iter__", f"{_QS}.__len__", f"{_QS}.__bool__",
        *(f"{_MODEL}.{m}" for m in ("save", "delete", "refresh_from_db", "full_clean", "validate_unique")),
        f"{_CURSOR}.execute", f"{_CURSOR}.executemany", f"{_CURSOR}.callproc", f"{_CURSOR}.fetchone",
        f"{_CURSOR}.fetchmany", f"{_CURSOR}.fetchall",
        "django.contrib.auth.models.UserManager.create_user",
        "django.contrib.auth.models.UserManager.create_superuser",
        "django.shortcuts.get_object_or_404", "django.shortcuts.get_list_or_404",
        "django.contrib.auth.authenticate", "django.contrib.auth.login", "django.contrib.auth.logout",
    ], patchable=False)
    + entries(Kind.NETWORK, _MAIL, [
        "django.core.mail.send_mail", "django.core.mail.send_mass_mail",
        "django.core.mail.mail_admins", "django.core.mail.mail_managers",
        "django.core.mail.EmailMessage.send",
        "django.core.mail.backends.base.BaseEmailBackend.send_messages",
    ], patchable=False)
)

# `async for row in queryset` is the async ORM
ASYNC_ITERABLE = [_QS]

RETURNS = {
    **{f"{_MANAGER}.{m}": _QS for m in _LAZY},
    **{f"{_QS}.{m}": _QS for m in _LAZY},
    # a row as a model instance: `.save()` on it writes; the async ORM's too, once awaited
    **{f"{c}.{m}": _MODEL for c in (_MANAGER, _QS) for m in ("get", "first", "last", "create", "latest",
                                                               "earliest", "aget", "afirst", "alast", "acreate",
                                                               "alatest", "aearliest")},
    # a slice is another lazy queryset (`qs[:20]`)
    f"{_QS}.__getitem__": _QS,
    "django.core.mail.get_connection": "django.core.mail.backends.base.BaseEmailBackend",
    "django.db.backends.base.base.BaseDatabaseWrapper.cursor": _CURSOR,
    # the user model is a model class
    "django.contrib.auth.get_user_model": "django.contrib.auth.models.User",
}

# `Order.objects` on any model class
ATTRIBUTES = {
    _MODEL: {"objects": _MANAGER},
    "django.contrib.auth.models.User": {"objects": "django.contrib.auth.models.UserManager"},
    "django.db": {"connection": "django.db.backends.base.base.BaseDatabaseWrapper"},
}

BASES = {
    "django.core.mail.EmailMultiAlternatives": ("django.core.mail.EmailMessage",),
    "django.contrib.auth.models.User": ("django.contrib.auth.models.AbstractUser",),
    "django.contrib.auth.models.AbstractUser": ("django.contrib.auth.base_user.AbstractBaseUser",),
    "django.contrib.auth.base_user.AbstractBaseUser": (_MODEL,),
    "django.contrib.auth.models.Group": (_MODEL,),
    "django.contrib.auth.models.Permission": (_MODEL,),
    "django.contrib.auth.models.UserManager": (_MANAGER,),
    "django.contrib.auth.base_user.BaseUserManager": (_MANAGER,),
}

ALIASES = {
    "django.db.models.base.Model": _MODEL,
    "django.db.models.Manager": _MANAGER,
    "django.db.models.QuerySet": _QS,
    "django.core.mail.message.EmailMessage": "django.core.mail.EmailMessage",
    "django.core.mail.message.EmailMultiAlternatives": "django.core.mail.EmailMultiAlternatives",
    "django.contrib.auth.models.AbstractBaseUser": "django.contrib.auth.base_user.AbstractBaseUser",
    "django.contrib.auth.models.BaseUserManager": "django.contrib.auth.base_user.BaseUserManager",
}
