import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

CFA_ADVISOR_GROUP = "Conseillère CFA"
CFA_ADMIN_GROUP = "Administrateur CFA"


class UserManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        # The whole address is lower-cased: "Marie.Dupont@X.fr" and "marie.dupont@x.fr" are one person.
        return (email or "").strip().lower()

    def get_by_natural_key(self, username: str) -> "User":
        return self.get(email=self.normalize_email(username))

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        if not email:
            raise ValueError("Une adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)  # None gives an unusable password: the invitation sets it
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their e-mail. Roles on dossiers come from relations, not from here."""

    email = models.EmailField("adresse e-mail", unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField("accès à l'administration Django", default=False)
    date_joined = models.DateTimeField("inscrit le", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self) -> None:
        super().clean()
        self.email = User.objects.normalize_email(self.email)

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    def _in_group(self, name: str) -> bool:
        # Cached per request object: permissions ask this many times per page.
        names = self.__dict__.get("_group_names")
        if names is None:
            prefetched = getattr(self, "_prefetched_objects_cache", {}).get("groups")  # a list of people
            if prefetched is not None:
                names = {group.name for group in prefetched}
            else:
                names = set(self.groups.values_list("name", flat=True))
            self.__dict__["_group_names"] = names
        return name in names

    @property
    def is_cfa_admin(self) -> bool:
        return self.is_superuser or self._in_group(CFA_ADMIN_GROUP)

    @property
    def is_cfa_advisor(self) -> bool:
        return self._in_group(CFA_ADVISOR_GROUP)

    @property
    def is_cfa_staff(self) -> bool:
        return self.is_cfa_admin or self.is_cfa_advisor


def axes_username(request, credentials: dict | None) -> str | None:
    """django-axes' AXES_USERNAME_CALLABLE: "Marie@X.fr" and "marie@x.fr" share one lock."""
    raw = (credentials or {}).get("username") or getattr(request, "POST", {}).get("username")
    return UserManager.normalize_email(raw) if raw else None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def password_fingerprint(user: "User") -> str:
    """Changes whenever the password is set, by any route (even an unusable one is random each time)."""
    return hashlib.sha256(user.password.encode()).hexdigest()


class Invitation(models.Model):
    """A single-use link that lets an invited person choose their password.

    Only the SHA-256 of the token is stored, so a database leak gives no working link.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The password as it was when the link was sent: once a password is set by any route (reset,
    # admin, a service, a raw update), it differs and the link is dead, like Django's reset tokens.
    password_fingerprint = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = "invitation"

    def __str__(self) -> str:
        return f"Invitation de {self.user.email} ({self.created_at:%d/%m/%Y})"

    @classmethod
    def new_token(cls) -> str:
        return secrets.token_urlsafe(32)

    @classmethod
    def default_expiry(cls) -> "timezone.datetime":
        return timezone.now() + timedelta(days=settings.INVITATION_VALIDITY_DAYS)

    @property
    def password_was_set_since(self) -> bool:
        return self.password_fingerprint != password_fingerprint(self.user)

    @property
    def is_usable(self) -> bool:
        return (
            self.used_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
            and not self.password_was_set_since
        )


class RgpdConsent(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rgpd_consents")
    version = models.CharField("version des clauses", max_length=20)
    accepted_at = models.DateTimeField("acceptées le", default=timezone.now)

    class Meta:
        verbose_name = "consentement RGPD"
        verbose_name_plural = "consentements RGPD"
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="one_consent_per_version")]

    def __str__(self) -> str:
        return f"{self.user.email} – clauses {self.version}"
