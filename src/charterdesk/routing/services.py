from .models import Queue


def queue_for_request(request_type: str) -> Queue:
    """The first queue (by position) that takes this request type, else the default queue."""
    queues = list(Queue.objects.order_by("position", "id"))
    for queue in queues:
        if request_type in queue.request_types:
            return queue
    for queue in queues:
        if queue.is_default:
            return queue
    if queues:
        return queues[0]
    raise Queue.DoesNotExist("No queue is set up: create one in the admin.")
