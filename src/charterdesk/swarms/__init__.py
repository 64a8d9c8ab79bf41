"""Swarming: collaborators join a ticket instead of handing it off."""
