from asgiref.sync import sync_to_async
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, send_mail
from django.db import connection, models
from django.shortcuts import get_object_or_404


class Customer(models.Model):
    name = models.CharField(max_length=100)


class OrderManager(models.Manager):
    def open(self):
        return self.filter(closed=False)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    objects = OrderManager()


async def order_view(request, pk: int):
    order = Order.objects.get(pk=pk)  # error: LS105
    order.save()  # error: LS105
    recent = Order.objects.filter(customer__name="x")
    first = recent.first()  # error: LS105
    count = Order.objects.filter(customer__name="x").count()  # error: LS105
    rows = list(Order.objects.all())  # error: LS105
    size = len(recent)  # error: LS105
    if Order.objects.filter(pk=pk).exists():  # error: LS105
        Customer.objects.create(name="new")  # error: LS105
    staff = User.objects.filter(is_staff=True)
    emails = list(staff)  # error: LS105
    user_model = get_user_model()
    admin = user_model.objects.get(username="admin")  # error: LS105
    user = authenticate(request, username="a", password="b")  # error: LS105
    shop = get_object_or_404(Customer, pk=pk)  # error: LS105
    send_mail("subject", "body", "from@x", ["to@x"])  # error: LS102
    EmailMessage("s", "b", to=["to@x"]).send()  # error: LS102
    with connection.cursor() as cursor:
        cursor.execute("select 1")  # error: LS105
    return order, first, count, rows, size, emails, admin, user, shop


async def async_orm(pk: int):
    order = await Order.objects.aget(pk=pk)
    await order.asave()
    total = await Order.objects.filter(customer__name="x").acount()
    names = [c.name async for c in Customer.objects.all()]
    async for order in Order.objects.filter(customer__name="x"):
        print(order)
    lazy = Order.objects.filter(pk=pk).select_related("customer")
    await sync_to_async(send_mail)("s", "b", "f", ["t"])
    return order, total, names, lazy


def sync_view(pk: int):
    return Order.objects.get(pk=pk)
