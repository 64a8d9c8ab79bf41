from django import forms

from charterdesk.core.vocabulary import REQUEST_TYPE_SENTENCES, Priority, RequestType


class NewRequestForm(forms.Form):
    request_type = forms.ChoiceField(
        label="What do you need?",
        choices=[(kind.value, REQUEST_TYPE_SENTENCES[kind]) for kind in RequestType],
        widget=forms.RadioSelect,
    )
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.NORMAL)
    subject = forms.CharField(max_length=250)
    body = forms.CharField(label="Describe it", widget=forms.Textarea(attrs={"rows": 8}))


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 5}))
