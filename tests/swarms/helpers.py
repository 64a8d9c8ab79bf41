from charterdesk.accounts.models import User
from charterdesk.routing.models import AgentProfile, Availability


def skilled(user: User, *skills: str, available: bool = True) -> User:
    AgentProfile.objects.update_or_create(
        user=user,
        defaults={
            "skills": list(skills),
            "availability": Availability.AVAILABLE if available else Availability.AWAY,
        },
    )
    return user
