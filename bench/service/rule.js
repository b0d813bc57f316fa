const total = cart.items.reduce((sum, item) => sum + item.price * item.qty, 0);
let discount = 0;
if (user.tier === 'gold') discount += 0.1;
if (cart.coupon === 'SAVE5') discount += 0.05;
const restricted = cart.items.some(item => item.adult) && user.age < 18;
const result = restricted
  ? { allowed: false, reason: 'age' }
  : { allowed: true, total: Math.round(total * (1 - discount) * 100) / 100,
      discount: Math.round(discount * 100) / 100, country: user.country };
result;
