from typing import Any

from django import forms

from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.accounts.roles import Perm
from charterdesk.core.panels import PanelForm
from charterdesk.plans.models import Plan
from charterdesk.products.selectors import products_listed

from .models import Article, ArticleState, Category, FlagKind, FlagOutcome, Section, Visibility


class ArticleForm(forms.Form):
    title = forms.CharField(max_length=200)
    body = forms.CharField(
        label="Text (Markdown)",
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "true"}),
        max_length=200_000,
    )
    note = forms.CharField(label="What changed (for the history)", max_length=300, required=False)


class PropertiesForm(forms.Form):
    visibility = forms.ChoiceField(label="Who reads it", choices=Visibility.choices)
    category = forms.ModelChoiceField(Category.objects.all(), required=False)
    section = forms.ModelChoiceField(Section.objects.select_related("category"), required=False)
    language = forms.CharField(max_length=8, initial="en", help_text="e.g. en, de, fr")
    plans = forms.ModelMultipleChoiceField(
        Plan.objects.all(),
        label="Only for customers on these plans",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    products = forms.ModelMultipleChoiceField(
        products_listed(),
        label="Only for customers using these products",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owner = forms.ModelChoiceField(
        User.objects.filter(role__in=STAFF_ROLES, is_active=True), required=False
    )
    review_by = forms.DateField(
        label="Review by", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class NewArticleForm(ArticleForm, PropertiesForm):
    translation_of = forms.ModelChoiceField(
        Article.objects.filter(translation_of__isnull=True),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["note"]  # the first version's note is "Created"


def reviewers() -> "forms.ModelChoiceField[User]":
    staff = User.objects.filter(role__in=STAFF_ROLES, is_active=True)
    ids = [user.pk for user in staff if user.has_perm(Perm.REVIEW_ARTICLES)]
    return forms.ModelChoiceField(
        User.objects.filter(pk__in=ids), required=False, empty_label="Any reviewer"
    )


class SubmitForm(forms.Form):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["reviewer"] = reviewers()


class SendBackForm(forms.Form):
    note = forms.CharField(
        label="What to change", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")], coerce=lambda v: v == "yes"
    )
    comment = forms.CharField(
        max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FlagForm(PanelForm):
    panel = "article-flag"
    kind = forms.ChoiceField(choices=FlagKind.choices, widget=forms.HiddenInput)
    article = forms.IntegerField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(label="What should an article explain?", max_length=500, required=False)


class FlagResolveForm(forms.Form):
    outcome = forms.ChoiceField(choices=FlagOutcome.choices)
    note = forms.CharField(
        label="Note",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What was changed, or why nothing needs to change.",
    )


class ArticleFilterForm(forms.Form):
    q = forms.CharField(label="Title contains", required=False, max_length=100)
    state = forms.ChoiceField(required=False, choices=[("", "Any state"), *ArticleState.choices])
    visibility = forms.ChoiceField(
        required=False, choices=[("", "Any visibility"), *Visibility.choices]
    )
    category = forms.ModelChoiceField(
        Category.objects.all(), required=False, empty_label="Any category"
    )
    stale = forms.BooleanField(label="Past review-by date", required=False)
